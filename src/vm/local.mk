# vm: sources of this folder, added to the library
src_libnftc_a_SOURCES += src/vm/vm.h src/vm/vm.c src/vm/vm_desc.c src/vm/vm_print.c \
	src/vm/vm_print_int.h
