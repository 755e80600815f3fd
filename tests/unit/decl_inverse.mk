# lower and lift as inverses for tables, chains and sets with their elements
check_PROGRAMS += tests/unit/decl_inverse_test
tests_unit_decl_inverse_test_SOURCES = tests/unit/decl_inverse_test.c
tests_unit_decl_inverse_test_LDADD = src/libnftc.a
