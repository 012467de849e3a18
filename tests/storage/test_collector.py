"""One pause of Python's cycle collector for every bulk job (storage.collector): counted, so
that two jobs pausing at once on two workers never leave it off."""

import gc
import threading

from storage import collector


def test_the_collector_is_back_on_after_pauses_that_overlap_on_two_threads():
    assert gc.isenabled()
    first_in, second_done = threading.Event(), threading.Event()

    def first() -> None:
        with collector.paused():
            first_in.set()
            second_done.wait(5)
        # the second ended inside the first: still off until the first ends
    worker = threading.Thread(target=first)
    worker.start()
    first_in.wait(5)
    with collector.paused():
        assert not gc.isenabled()
    assert not gc.isenabled()  # the first job's pause goes on
    second_done.set()
    worker.join(5)
    assert gc.isenabled()


def test_a_pause_leaves_a_collector_that_was_off_off():
    gc.disable()
    try:
        with collector.paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_failure_in_the_block_still_ends_the_pause():
    try:
        with collector.paused():
            raise ValueError
    except ValueError:
        pass
    assert gc.isenabled()
