# offline inverse test: parse → eval/lower → -d netlink text → netlink codec → lift →
# listing, over the achievable vectors of the core conformance files (no kernel).
# Its exit status is a ratchet on tests/unit/roundtrip.pass (`--update` rewrites it).
check_PROGRAMS += tests/unit/roundtrip_test
tests_unit_roundtrip_test_SOURCES = tests/unit/roundtrip_test.c tests/unit/roundtrip_text.c \
	tests/unit/roundtrip_text.h
tests_unit_roundtrip_test_LDADD = src/libnftc.a
tests_unit_roundtrip_test_CPPFLAGS = $(AM_CPPFLAGS) -DROUNDTRIP_SRCDIR='"$(abs_top_srcdir)"'
EXTRA_DIST += tests/unit/roundtrip.pass
