"""What the bundled program runs: the same ``main`` as the ``reportdesk`` command of a pip install."""

import os
import sys

from reportdesk.cli import main


def restore_child_library_path(environ: "os._Environ[str] | dict[str, str]") -> None:
    """Give programs the bundle starts (LibreOffice for PDF, WPS or the file manager opening a document) the
    system's libraries and Qt plugins, not the bundle's.

    On Linux PyInstaller's bootloader puts the bundle's folder first on ``LD_LIBRARY_PATH`` (keeping the
    original in ``LD_LIBRARY_PATH_ORIG``) before Python starts. The dynamic loader read it then, so the bundle
    keeps finding its own libraries; only child processes see the change made here.
    """
    original = environ.pop("LD_LIBRARY_PATH_ORIG", None)
    if original:
        environ["LD_LIBRARY_PATH"] = original
    else:
        environ.pop("LD_LIBRARY_PATH", None)
    # Set by PyInstaller's PySide6 start-up hook; this program's Qt finds its plugins through the qt.conf the same
    # hook embeds, while a Qt program started from here (WPS, a file manager) must not load the bundle's plugins.
    for name in ("QT_PLUGIN_PATH", "QML2_IMPORT_PATH"):
        environ.pop(name, None)


if __name__ == "__main__":
    if sys.platform.startswith("linux") and getattr(sys, "frozen", False):
        restore_child_library_path(os.environ)
    sys.exit(main())
