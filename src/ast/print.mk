# listing printer (AST → nft text): sources of this part, added to the library
src_libnftc_a_SOURCES += src/ast/print.h src/ast/print_int.h src/ast/print_expr.c \
	src/ast/print_stmt.c src/ast/print_table.c \
	src/ast/print_obj.c src/ast/print_obj.h
