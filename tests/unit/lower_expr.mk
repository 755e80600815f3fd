# unit test of the expression side of eval/lower (matches, loads, constants, sets)
check_PROGRAMS += tests/unit/lower_expr_test
tests_unit_lower_expr_test_SOURCES = tests/unit/lower_expr_test.c
tests_unit_lower_expr_test_LDADD = src/libnftc.a
