# types: sources of this folder, added to the library
src_libnftc_a_SOURCES += \
	src/types/datatype.h src/types/proto.h src/types/keys.h src/types/dt_impl.h \
	src/types/proto_impl.h src/types/keys_impl.h \
	src/types/value.c src/types/datatype_table.c \
	src/types/dt_basic.c src/types/dt_inet.c src/types/dt_icmp.c src/types/dt_ct.c \
	src/types/dt_meta.c src/types/dt_services.c src/types/dt_protocols.c src/types/dt_files.c \
	src/types/proto.c src/types/proto_ll.c src/types/proto_net.c src/types/proto_icmp.c \
	src/types/proto_l4.c src/types/proto_tunnel.c src/types/tunnel.h \
	src/types/exthdr.c src/types/exthdr.h \
	src/types/keys_meta.c src/types/keys_ct.c src/types/hooks.c src/types/hooks.h \
	src/types/typeof.c src/types/typeof.h src/types/udata_attrs.h \
	src/types/objtypes.c src/types/objtypes.h src/types/family.c src/types/family.h \
	src/types/stmt_words.c src/types/stmt_words.h
