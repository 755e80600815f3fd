# unit tests: one fragment per area, each registering its test program
include $(top_srcdir)/tests/unit/types.mk
include $(top_srcdir)/tests/unit/parser.mk
include $(top_srcdir)/tests/unit/netlink.mk
include $(top_srcdir)/tests/unit/lower_expr.mk
include $(top_srcdir)/tests/unit/lower_stmt.mk
include $(top_srcdir)/tests/unit/lift.mk
include $(top_srcdir)/tests/unit/print.mk
include $(top_srcdir)/tests/unit/roundtrip.mk
include $(top_srcdir)/tests/unit/objects.mk
include $(top_srcdir)/tests/unit/lift_ext.mk
include $(top_srcdir)/tests/unit/uapi.mk
include $(top_srcdir)/tests/unit/object_codec.mk
include $(top_srcdir)/tests/unit/decl_inverse.mk
include $(top_srcdir)/tests/unit/json_tree.mk
include $(top_srcdir)/tests/unit/interval_merge.mk
