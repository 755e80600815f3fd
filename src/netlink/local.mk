# netlink: sources of this folder, added to the library
src_libnftc_a_SOURCES += src/netlink/netlink.h src/netlink/objects.h \
	src/netlink/nlmsg.h src/netlink/nlmsg.c src/netlink/attr.c \
	src/netlink/sock_int.h src/netlink/socket.c src/netlink/batch.c \
	src/netlink/codec.h src/netlink/data_codec.c src/netlink/expr_codec.c \
	src/netlink/attr_rows.h src/netlink/attr_rows.c src/netlink/object_rows.c \
	src/netlink/dump.c src/netlink/debug.c \
	src/netlink/obj_data.h src/netlink/obj_codec.c src/netlink/obj_debug.c \
	src/netlink/event.c src/netlink/trace.c
