# unit test of src/util/nf_tables_uapi.h (kernel constants the headers may lack)
check_PROGRAMS += tests/unit/uapi_test
tests_unit_uapi_test_SOURCES = tests/unit/uapi_test.c
tests_unit_uapi_test_LDADD = src/libnftc.a
