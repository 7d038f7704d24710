"""Actor step on hand-written sentences with the project lexicon: mentions, unknown names, network."""
import networkx as nx
import pandas as pd

from src import actor_report, actors_step, comention, network, paths
from src.lexicon import load_lexicon

LEX = load_lexicon(str(paths.LEXICON))


def sentences(*texts):
    return pd.DataFrame([("x", i, i, t) for i, t in enumerate(texts)],
                        columns=["article_id", "paragraph_id", "sentence_id", "text"])


def test_mentions_carry_offsets_types_and_rollup():
    s = sentences("Juru bicara Gedung Putih John Kirby menyebut Korut memasok Moskow.")
    m = actors_step.actor_tables(s, LEX)["mentions"]
    text = s.text[0]
    assert all(text[r.start:r.end] == r.surface for r in m.itertuples())
    by_surface = dict(zip(m.surface, zip(m.actor_type, m.country)))
    assert by_surface["Gedung Putih"] == ("government", "USA")
    assert by_surface["John Kirby"] == ("person", "USA")
    assert by_surface["Korut"] == ("country", "PRK")
    assert by_surface["Moskow"] == ("country", "RUS")


def test_outlet_names_and_international_bodies():
    s = sentences("Menurut The Washington Post, NATO dan PBB bertemu.", "CNN Indonesia melaporkan bahwa Indonesia mengirim bantuan.")
    m = actors_step.actor_tables(s, LEX)["mentions"]
    assert "USA" not in set(m.country.dropna())                       # Washington inside an outlet name
    assert set(m.loc[m.actor_type == "organization", "country"].isna()) == {True}
    assert "IDN" in set(m.country.dropna())                           # the country, not the outlet CNN Indonesia
    assert (m.sentence_id == 1).sum() == 1


def test_unknown_names_are_capitalised_and_unmatched():
    s = sentences("Menhan Kim Yong-hyun bertemu Farah Dakhlallah dan Ahmad Subarjo di Seoul.",
                  "Kemudian Ahmad Subarjo kembali.")
    u = actors_step.actor_tables(s, LEX)["unknown_names"]
    counts = dict(zip(u.name, u["count"]))
    assert counts.get("Ahmad Subarjo") == 2
    assert "Seoul" not in counts and "Farah Dakhlallah" not in counts and "Kemudian" not in counts


def test_comentions_and_network_files(tmp_path):
    s = sentences("Rusia dan Korea Utara menandatangani pakta.", "Rusia membeli amunisi dari Korut.",
                  "Iran memasok drone ke Rusia.")
    t = actors_step.actor_tables(s, LEX)
    pairs = actor_report.select_pairs(t["comentions"], "country", "sentence", 1)
    assert dict(zip(zip(pairs.actor_a, pairs.actor_b), pairs.windows)) == {("PRK", "RUS"): 2, ("IRN", "RUS"): 1}
    g = network.comention_graph(pairs, {}, min_windows=2, top_n=10)
    assert set(g.edges) == {("PRK", "RUS")} or set(g.edges) == {("RUS", "PRK")}
    gexf, graphml = network.write_graph(g, tmp_path, "test")
    assert set(nx.read_gexf(gexf).nodes) == {"PRK", "RUS"} and nx.read_graphml(graphml).number_of_edges() == 1
    rows = comention.pair_sentences(t["mentions"], s, "PRK", "RUS", "country")
    assert list(rows.sentence_id) == [0, 1]


def test_surname_after_another_given_name_is_another_person():
    m = actors_step.actor_tables(sentences("Striker Charlie Austin mencetak gol.", "Presiden Biden dan Menhan Austin hadir.",
                                           "Lloyd Austin tiba di Seoul.", "Di Roma Austin berbicara."), LEX)["mentions"]
    persons = m[m.actor_type == "person"]
    assert list(zip(persons.sentence_id, persons.actor_id)) == [(1, "biden"), (1, "austin"), (2, "austin"), (3, "austin")]
