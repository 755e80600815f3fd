# lift (kernel objects and VM programs → AST): sources of this folder, added to the library
src_libnftc_a_SOURCES += src/lift/lift.h src/lift/lift_int.h src/lift/lift.c src/lift/lift_value.c \
	src/lift/lift_load.c src/lift/lift_match.c src/lift/lift_stmt.c src/lift/lift_set.c \
	src/lift/lift_other.c src/lift/lift_exthdr.c \
	src/lift/lift_objects.c src/lift/lift_typeof.c
