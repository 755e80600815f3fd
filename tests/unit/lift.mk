# unit test of lift + printer against the conformance payloads
check_PROGRAMS += tests/unit/lift_test
tests_unit_lift_test_SOURCES = tests/unit/lift_test.c tests/unit/vm_text.c tests/unit/vm_text.h
tests_unit_lift_test_LDADD = src/libnftc.a
