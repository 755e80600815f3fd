src_libnftc_a_SOURCES += src/util/arena.c src/util/arena.h src/util/writer.c src/util/writer.h src/util/diag.c src/util/diag.h src/util/bigmem.c src/util/bigmem.h src/util/tlv.c src/util/tlv.h
