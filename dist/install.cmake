# Run by `cmake --install` (CMakeLists.txt): the systemd unit and the config
# file name paths of the prefix chosen at install time, which may differ from
# the one the build was configured with (cmake --install --prefix DIR).
# file(INSTALL) puts DESTDIR in front, for packaging.
if(IS_ABSOLUTE "${HZ_SYSCONFDIR}")
  set(etc "${HZ_SYSCONFDIR}")
else()
  set(etc "${CMAKE_INSTALL_PREFIX}/${HZ_SYSCONFDIR}")
endif()
set(HZ_BIN "${CMAKE_INSTALL_PREFIX}/${HZ_BINDIR}/huzhu")
set(HZ_CONF "${etc}/huzhu/huzhu.conf")
configure_file("${HZ_SRC}/dist/huzhu.service.in" "${HZ_BUILD}/dist/huzhu.service" @ONLY)
file(INSTALL DESTINATION "${CMAKE_INSTALL_PREFIX}/lib/systemd/system" TYPE FILE FILES "${HZ_BUILD}/dist/huzhu.service")
# an operator's edited config is never overwritten: an upgrade leaves it and
# the new default stays in PREFIX/share/huzhu/huzhu.conf.example
if(EXISTS "$ENV{DESTDIR}${HZ_CONF}")
  message(STATUS "Kept: $ENV{DESTDIR}${HZ_CONF} (the new default: share/huzhu/huzhu.conf.example)")
else()
  file(INSTALL DESTINATION "${etc}/huzhu" TYPE FILE FILES "${HZ_SRC}/dist/huzhu.conf")
endif()
