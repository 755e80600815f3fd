# eval, expression side (matches, loads, constants, sets): sources added to the library
src_libnftc_a_SOURCES += src/eval/lower_expr.h src/eval/regs.c src/eval/lower_expr_emit.c \
	src/eval/eval_expr_const.c src/eval/eval_expr_lhs.c src/eval/lhs_shape.c src/eval/eval_expr_value.c \
	src/eval/eval_expr_other.c src/eval/eval_expr_exthdr.c src/eval/deps.c \
	src/eval/lower_expr_load.c src/eval/lower_expr_match.c src/eval/lower_expr_lookup.c \
	src/eval/lower_expr_set.c src/eval/set_elems.c src/eval/set_elems.h src/eval/set_elems_stream.c \
	src/eval/set_elem_stmts.c
