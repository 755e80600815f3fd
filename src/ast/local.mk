# ast: sources of this folder, added to the library
src_libnftc_a_SOURCES += src/ast/ast.h src/ast/ast.c src/ast/other_types.c src/ast/other_types.h
