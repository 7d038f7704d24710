"""The co-mention network: build it from the comentions table, write GEXF and GraphML, draw it."""
from __future__ import annotations

from pathlib import Path

import networkx as nx
import pandas as pd

from src import paths

LAYOUT_SEED = 7


def comention_graph(pairs: pd.DataFrame, labels: dict[str, str], min_windows: int, top_n: int) -> nx.Graph:
    """Undirected graph of the top_n strongest pairs with at least min_windows shared windows."""
    kept = pairs[pairs["windows"] >= min_windows].nlargest(top_n, ["windows", "llr"])
    g = nx.Graph()
    for r in kept.itertuples(index=False):
        for node in (r.actor_a, r.actor_b):
            g.add_node(node, label=labels.get(node, node))
        g.add_edge(r.actor_a, r.actor_b, weight=int(r.windows), articles=int(r.articles),
                   pmi=float(r.pmi), llr=float(r.llr))
    return g


def write_graph(g: nx.Graph, processed_dir: str | Path, name: str) -> tuple[Path, Path]:
    """Write <processed_dir>/network/<name>.gexf (Gephi) and .graphml; return both paths."""
    out = paths.resolve(processed_dir) / "network"
    out.mkdir(parents=True, exist_ok=True)
    gexf, graphml = out / f"{name}.gexf", out / f"{name}.graphml"
    nx.write_gexf(g, gexf)
    nx.write_graphml(g, graphml)
    return gexf, graphml


def edge_frame(g: nx.Graph) -> pd.DataFrame:
    """The graph's edges as a table (the data behind the network figure)."""
    rows = [(a, b, d["weight"], d["articles"], d["pmi"], d["llr"]) for a, b, d in g.edges(data=True)]
    return pd.DataFrame(rows, columns=["actor_a", "actor_b", "windows", "articles", "pmi", "llr"])


def draw_graph(g: nx.Graph, ax) -> None:
    """Draw the network with a seeded layout: node size by degree, edge width by windows."""
    if g.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "no pair reaches the threshold", ha="center", va="center")
        ax.set_axis_off()
        return
    pos = nx.spring_layout(g, seed=LAYOUT_SEED, weight="weight")
    widths = [0.5 + 2.5 * d["weight"] / max(w for *_, w in g.edges(data="weight")) for *_, d in g.edges(data=True)]
    nx.draw_networkx_edges(g, pos, ax=ax, width=widths, alpha=0.5)
    nx.draw_networkx_nodes(g, pos, ax=ax, node_size=[200 + 80 * g.degree(n) for n in g.nodes], node_color="#4c78a8")
    nx.draw_networkx_labels(g, pos, labels=nx.get_node_attributes(g, "label"), ax=ax, font_size=8)
    ax.set_axis_off()
