# JSON listing printer (AST → libnftables-json(5)): sources of this part, added to the library
src_libnftc_a_SOURCES += src/ast/json_print.h src/ast/json_int.h src/ast/json_expr.c src/ast/json_load.c \
	src/ast/json_value.c \
	src/ast/json_stmt.c src/ast/json_stmt_nat.c \
	src/ast/json_table.c
