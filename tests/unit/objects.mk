# unit test of named objects and flowtables (lower, codec, printer; live with NFTC_LIVE=1)
check_PROGRAMS += tests/unit/objects_test
tests_unit_objects_test_SOURCES = tests/unit/objects_test.c
tests_unit_objects_test_LDADD = src/libnftc.a
