# unit test of the listing printer on hand-built ASTs and objects
check_PROGRAMS += tests/unit/print_test
tests_unit_print_test_SOURCES = tests/unit/print_test.c
tests_unit_print_test_LDADD = src/libnftc.a
