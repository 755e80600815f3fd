# parser unit test: AST shapes, error locations, conformance rules that parse
check_PROGRAMS += tests/unit/parser_test
tests_unit_parser_test_SOURCES = tests/unit/parser_test.c
tests_unit_parser_test_LDADD = src/libnftc.a
tests_unit_parser_test_CPPFLAGS = $(AM_CPPFLAGS) -DCONFORMANCE_DIR='"$(abs_top_srcdir)/../shared/conformance"'
