"""A Linux desktop missing Qt's X11 libraries gets a plain list of packages to install."""

from ui.platform_check import XCB_LIBRARIES, problem


def test_all_present_is_fine():
    assert problem({"DISPLAY": ":0"}, "linux", lambda _name: True) == ""


def test_missing_libraries_name_the_debian_packages():
    message = problem({"DISPLAY": ":0"}, "linux", lambda name: "cursor" not in name
                      and "icccm" not in name)
    assert "libxcb-cursor0, libxcb-icccm4" in message
    assert "sudo apt-get install libxcb-cursor0 libxcb-icccm4" in message


def test_no_display_is_said_plainly():
    assert "DISPLAY is not set" in problem({}, "linux", lambda _name: True)


def test_other_platforms_and_offscreen_are_left_to_qt():
    everything_missing = lambda _name: False  # noqa: E731
    assert problem({}, "darwin", everything_missing) == ""
    assert problem({"QT_QPA_PLATFORM": "offscreen"}, "linux", everything_missing) == ""
    assert problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux", everything_missing) == ""
    assert problem({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":1"}, "linux", everything_missing)


def test_every_library_has_a_package():
    assert len(XCB_LIBRARIES) == 8 and all(XCB_LIBRARIES.values())
