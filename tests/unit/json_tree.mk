# unit test of src/json/json_tree.c (nftc's JSON reader)
check_PROGRAMS += tests/unit/json_tree_test
tests_unit_json_tree_test_SOURCES = tests/unit/json_tree_test.c
tests_unit_json_tree_test_LDADD = src/libnftc.a
