# parser: sources of this folder, added to the library
src_libnftc_a_SOURCES += src/parser/grammar.y src/parser/parser.h src/parser/parser.c src/parser/build.h \
	src/parser/build_expr.c src/parser/build_stmt.c src/parser/build_cmd.c \
	src/parser/build_other.c src/parser/build_exthdr.c src/parser/build_obj.c src/parser/defines.c src/parser/include.c src/parser/source_read.c \
	src/parser/elem_span.c src/parser/elem_fast.c src/parser/elem_fast.h src/parser/rule_span.c \
	src/parser/rule_fast.c src/parser/rule_fast.h src/parser/fast_lex.c src/parser/fast_lex.h
# the scanner includes the token definitions: generate them first
BUILT_SOURCES += src/parser/grammar.h
# the grammar uses bison features; configure runs bison as `bison -y`
AM_YFLAGS += -Wno-yacc
