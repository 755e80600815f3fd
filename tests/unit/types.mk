# unit tests of src/types (datatypes, protocol tables, meta/ct keys)
check_PROGRAMS += tests/unit/types_test
tests_unit_types_test_SOURCES = tests/unit/types_test.c
tests_unit_types_test_LDADD = src/libnftc.a
