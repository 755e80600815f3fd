# optimize (-o: merging rules of table blocks, on the parser's AST): sources of this folder
src_libnftc_a_SOURCES += src/optimize/optimize.h src/optimize/opt_int.h \
	src/optimize/opt_chain.c src/optimize/opt_compare.c src/optimize/opt_merge.c \
	src/optimize/opt_report.c
