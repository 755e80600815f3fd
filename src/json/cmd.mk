# JSON commands beside json_cmd_in.c: sets, maps and elements; named objects and
# flowtables (a fragment of its own, so the folder's list stays the skeleton's)
src_libnftc_a_SOURCES += src/json/json_cmd.h src/json/json_set_in.c src/json/json_obj_in.c
