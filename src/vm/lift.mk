# lift (VM program → AST): sources of this part, added to the library
src_libnftc_a_SOURCES += src/vm/lift.h src/vm/lift_int.h src/vm/lift.c src/vm/lift_value.c \
	src/vm/lift_load.c src/vm/lift_match.c src/vm/lift_stmt.c src/vm/lift_set.c \
	src/vm/lift_other.c src/vm/lift_exthdr.c
