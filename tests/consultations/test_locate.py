from samrad.consultations.loader.locate import KeyLocator

TEXT = '''\
title = "x"
[consultation]
slug = "a"
intro = """
slug = "not a key"
"""
name = "b"

[[areas]]
slug = "one"

[[areas]]
slug = "two"

[[events]]
slug = "e"
[[events.rounds]]
rule = "mixed"
[[events.rounds]]
rule = "keep_previous"
'''


def test_lines_of_keys_tables_and_arrays():
    loc = KeyLocator(TEXT)
    assert loc.line_of("title") == 1
    assert loc.line_of("consultation.slug") == 3
    assert loc.line_of("consultation.name") == 7  # the multi-line string did not confuse it
    assert loc.line_of("areas[1].slug") == 13
    assert loc.line_of("areas[1].name") == 12  # missing key: the line of its table
    assert loc.line_of("events[0].rounds[1].rule") == 20
    assert loc.line_of("nothing.here") is None
