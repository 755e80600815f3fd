# packaging: the systemd unit that loads $(sysconfdir)/nftc.conf at boot, that file's
# default, the bash completion, and nftc under nft's name (--enable-nft-name). The
# files are made from their templates with configure's paths; see configure.ac.
EXTRA_DIST += packaging/nftc.service.in packaging/nftc.conf.in packaging/nftc.bash.in \
	packaging/gen-completion
pkg_generated = packaging/nftc.service packaging/nftc.conf packaging/nftc.bash
noinst_DATA = $(pkg_generated)
CLEANFILES += $(pkg_generated)
pkg_edit = sed -e 's|@sbindir[@]|$(sbindir)|g' -e 's|@sysconfdir[@]|$(sysconfdir)|g'

packaging/nftc.service: packaging/nftc.service.in Makefile
	$(AM_V_GEN)$(MKDIR_P) packaging && \
	$(pkg_edit) $(srcdir)/packaging/nftc.service.in >$@.tmp && mv $@.tmp $@
packaging/nftc.conf: packaging/nftc.conf.in Makefile
	$(AM_V_GEN)$(MKDIR_P) packaging && \
	$(pkg_edit) $(srcdir)/packaging/nftc.conf.in >$@.tmp && mv $@.tmp $@
if NFT_NAME
pkg_completion_names = nftc nft
else
pkg_completion_names = nftc
endif
# the options are read from the command-line parser, so they are always nftc's
packaging/nftc.bash: packaging/nftc.bash.in packaging/gen-completion src/cli/args.c Makefile
	$(AM_V_GEN)$(MKDIR_P) packaging && \
	$(SHELL) $(srcdir)/packaging/gen-completion $(srcdir)/src/cli/args.c \
		$(srcdir)/packaging/nftc.bash.in '$(pkg_completion_names)' >$@.tmp && mv $@.tmp $@

if SYSTEMD_UNIT
systemdsystemunit_DATA = packaging/nftc.service
endif

# $(sysconfdir)/nftc.conf is the administrator's ruleset: installed only when there is
# none, never replaced; uninstalled only while it is still the default.
pkg_install_data =
pkg_uninstall_data =
pkg_install_data += $(MKDIR_P) '$(DESTDIR)$(sysconfdir)' && \
	if test -e '$(DESTDIR)$(sysconfdir)/nftc.conf'; then \
		echo "$(DESTDIR)$(sysconfdir)/nftc.conf exists: left as it is"; \
	else \
		$(INSTALL_DATA) packaging/nftc.conf '$(DESTDIR)$(sysconfdir)/nftc.conf'; \
	fi;
pkg_uninstall_data += if cmp -s packaging/nftc.conf '$(DESTDIR)$(sysconfdir)/nftc.conf'; then \
		rm -f '$(DESTDIR)$(sysconfdir)/nftc.conf'; \
	fi;
# bash-completion loads a command's completion from a file named as the command
if BASH_COMPLETION
pkg_install_data += $(MKDIR_P) '$(DESTDIR)$(bashcompletiondir)' && \
	$(INSTALL_DATA) packaging/nftc.bash '$(DESTDIR)$(bashcompletiondir)/nftc';
pkg_uninstall_data += rm -f '$(DESTDIR)$(bashcompletiondir)/nftc';
endif
install-data-local: $(pkg_generated)
	@$(NORMAL_INSTALL)
	$(pkg_install_data)
uninstall-local:
	@$(NORMAL_UNINSTALL)
	$(pkg_uninstall_data)

# --enable-nft-name: nft is a symbolic link to nftc, in sbindir, and so are its manual
# page and completion. An nft that is not a link (another package's) is not replaced.
if NFT_NAME
install-exec-hook:
	cd '$(DESTDIR)$(sbindir)' && \
	if test -e nft && ! test -L nft; then \
		echo "$(DESTDIR)$(sbindir)/nft exists and is not a link: not replaced" >&2; exit 1; \
	fi && rm -f nft && $(LN_S) nftc nft
install-data-hook:
	cd '$(DESTDIR)$(man8dir)' && rm -f nft.8 && $(LN_S) nftc.8 nft.8
if BASH_COMPLETION
	cd '$(DESTDIR)$(bashcompletiondir)' && rm -f nft && $(LN_S) nftc nft
endif
# only the links made above go: an nft of another package stays
pkg_unlink = if test "`readlink "$$f" 2>/dev/null`" = "$$to"; then rm -f "$$f"; fi
uninstall-hook:
	f='$(DESTDIR)$(sbindir)/nft' to=nftc; $(pkg_unlink)
	f='$(DESTDIR)$(man8dir)/nft.8' to=nftc.8; $(pkg_unlink)
if BASH_COMPLETION
	f='$(DESTDIR)$(bashcompletiondir)/nft' to=nftc; $(pkg_unlink)
endif
endif

# distcheck installs under its own prefix: the unit and the completion too, not into
# the host's directories that pkg-config names
AM_DISTCHECK_CONFIGURE_FLAGS = \
	--with-systemdsystemunitdir='$$(prefix)/lib/systemd/system' \
	--with-bashcompletiondir='$$(datadir)/bash-completion/completions'
