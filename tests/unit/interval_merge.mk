# unit test of src/eval/interval_merge.c (element commands against the kernel's ranges)
check_PROGRAMS += tests/unit/interval_merge_test
tests_unit_interval_merge_test_SOURCES = tests/unit/interval_merge_test.c
tests_unit_interval_merge_test_LDADD = src/libnftc.a
