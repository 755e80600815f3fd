# unit test of lift + printer for sctp/ip6 exthdr fields, exthdr reset, tunnel (inner),
# ipsec (xfrm) and osf loads, built as kernel dumps give them
check_PROGRAMS += tests/unit/lift_ext_test
tests_unit_lift_ext_test_SOURCES = tests/unit/lift_ext_test.c
tests_unit_lift_ext_test_LDADD = src/libnftc.a
