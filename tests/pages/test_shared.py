"""The pages' charts and tables are made once for every reader (ui.data.shared) and made again when the data
version, a filter or the language changes."""

from ui import data


def test_a_drawing_is_made_once_per_key_and_again_when_the_data_version_changes():
    made = []

    def drawing(url: str, version: int, lang: str) -> list:
        made.append((version, lang))
        return [version, lang]

    first = data.shared(drawing, "sqlite:///x", 1, "vi")
    again = data.shared(drawing, "sqlite:///x", 1, "vi")
    after_an_upload = data.shared(drawing, "sqlite:///x", 2, "vi")
    in_english = data.shared(drawing, "sqlite:///x", 2, "en")

    assert again is first
    assert after_an_upload == [2, "vi"] and in_english == [2, "en"]
    assert made == [(1, "vi"), (2, "vi"), (2, "en")]


def test_two_builders_with_the_same_key_do_not_share_what_they_made():
    def bars(version: int) -> str:
        return "bars"

    def heat_map(version: int) -> str:
        return "heat map"

    assert (data.shared(bars, 7), data.shared(heat_map, 7)) == ("bars", "heat map")
