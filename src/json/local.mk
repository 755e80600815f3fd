# JSON front end (libnftables-json(5) → AST): sources of this folder, added to the library
src_libnftc_a_SOURCES += src/json/json_read.h src/json/json_in.h src/json/json_doc.c \
	src/json/json_cmd_in.c src/json/json_expr_in.c src/json/json_stmt_in.c \
	src/json/json_in_help.h src/json/json_help_in.c src/json/json_load_in.c \
	src/json/json_action_in.c src/json/json_tree.h src/json/json_tree.c
