# eval, statement/command side (commands, chains, set declarations, statements,
# userdata): sources added to the library
src_libnftc_a_SOURCES += src/eval/eval.h src/eval/rule_ctx.h src/eval/eval_cmd.c src/eval/lowered.c \
	src/eval/eval_chain.c src/eval/eval_chain.h \
	src/eval/eval_set_decl.c src/eval/eval_set_decl.h \
	src/eval/eval_stmt.c src/eval/eval_stmt.h src/eval/stmt_emit.c src/eval/stmt_emit.h \
	src/eval/eval_stmt_nat.c \
	src/eval/eval_stmt_reject.c src/eval/eval_stmt_payload.c src/eval/eval_stmt_dynset.c \
	src/eval/eval_stmt_fwd.c src/eval/eval_obj.c src/eval/eval_obj.h \
	src/eval/eval_get.c src/eval/eval_get.h \
	src/eval/interval_merge.c src/eval/interval_merge.h \
	src/eval/udata.c src/eval/udata.h src/eval/udata_typeof.c src/eval/udata_typeof.h
