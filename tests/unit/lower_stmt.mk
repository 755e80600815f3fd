# statement/command lowering tests (hand-built ASTs and a driver over the .t vectors)
check_PROGRAMS += tests/unit/lower_stmt_test
tests_unit_lower_stmt_test_SOURCES = tests/unit/lower_stmt_test.c
tests_unit_lower_stmt_test_LDADD = src/libnftc.a
