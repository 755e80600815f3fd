check_PROGRAMS += tests/unit/netlink_test
tests_unit_netlink_test_SOURCES = tests/unit/netlink_test.c
tests_unit_netlink_test_LDADD = src/libnftc.a
