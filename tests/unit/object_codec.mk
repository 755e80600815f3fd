# unit test of the object codecs: the bytes each kind of object encodes to, and what
# the decoders make of them and of hand-made messages
check_PROGRAMS += tests/unit/object_codec_test
tests_unit_object_codec_test_SOURCES = tests/unit/object_codec_test.c
tests_unit_object_codec_test_LDADD = src/libnftc.a
