"""Built-in aliases: acronyms, spoken forms and common mishearings of technical terms.

The bank's topic and subtopic aliases add to these at index time. Keys are what people
(or speech recognisers) say, values the canonical term as it is written in entries; both
sides are folded and letter-joined before use, so "CI/CD", "ci cd" and "see i see d" all
become the single token "cicd".
"""

from __future__ import annotations

BUILTIN: dict[str, tuple[str, ...]] = {
    "cicd": ("ci cd", "cacd", "cicd", "ci and cd", "cid", "c i c d", "cicada", "sicd"),
    "kubernetes": (
        "k8s",
        "k 8 s",
        "kube",
        "cooper netties",
        "cooper nettis",
        "cuber netes",
        "kubernates",
        "kubernetties",
        "kuber netes",
        "coober netties",
        "kubernetis",
    ),
    "python": ("pie thon", "pi thon", "py thon", "pyth on"),
    "kubectl": (
        "cube control",
        "kube control",
        "cube ctl",
        "kube ctl",
        "cube cuddle",
        "kube cuddle",
    ),
    "ctypes": ("see types", "c types", "sea types"),
    "etcd": ("et cd", "etsy d", "e t c d", "etc d"),
    "django": ("jango", "djano", "d jango", "djan go", "jango rest"),
    "fastapi": ("fast api", "fast a p i", "first api", "fastapi", "fast apis", "fast epi"),
    "flask": ("flusk", "flasks"),
    "nginx": ("engine x", "engine ex", "enginex", "n ginx", "engine next"),
    "gil": ("global interpreter lock", "gill", "gil lock"),
    "jwt": ("jason web token", "json web token", "jot", "j w t"),
    "json": ("jason", "j son"),
    "api": ("a p i", "apis"),
    "gunicorn": ("g unicorn", "green unicorn", "gunny corn", "gun icorn"),
    "uvicorn": ("uv icorn", "you v corn", "uvi corn"),
    "mongodb": ("mongo", "mongo db", "mango db"),
    "elasticsearch": ("elastic search",),
    "postgresql": ("postgres", "postgre", "post gres", "post grey sql", "postgre sql"),
    "sql": ("sequel",),
    "nosql": ("no sql", "no sequel"),
    "asyncio": ("async io", "a sync io", "asynchronous io"),
    "async": ("a sync",),
    "wsgi": ("whiskey", "wiz gee", "w s g i"),
    "asgi": ("as gee", "a s g i", "ass gee"),
    "orm": ("o r m", "object relational mapper", "object relational mapping"),
    "oauth2": ("oauth 2", "o auth", "oh auth", "oauth two", "oauth"),
    "mtls": ("mutual tls", "m tls", "mutual t l s"),
    "grpc": ("g rpc", "gee rpc", "grpc"),
    "microservice": ("micro service", "micro services", "micro-services", "microservices"),
    "docker": ("dokker", "docket", "doc er"),
    "dockerfile": ("docker file", "docker files"),
    "yaml": ("yammel", "yamel", "y a m l"),
    "pytest": ("py test", "pie test"),
    "unittest": ("unit test", "unit testing"),
    "jenkins": ("jenkin", "jenkinses", "jenkin's"),
    "redis": ("red is", "reddis", "redus"),
    "kafka": ("kafka", "cafka", "calf ka"),
    "rabbitmq": ("rabbit mq", "rabbit m q", "rabbit"),
    "github": ("git hub",),
    "github actions": ("git hub actions", "github action"),
    "rest": ("rest api", "restful", "rest full"),
    "http": ("h t t p",),
    "n+1": ("n plus one", "n plus 1", "n 1 problem", "n+1"),
    "init": ("dunder init", "under init", "double underscore init"),
    "deepcopy": ("deep copy",),
    "xrange": ("x range",),
    "terraform": ("terra form",),
    "ansible": ("ansibel",),
    "istio": ("is tio", "east io"),
    "linkerd": ("linker d", "linker dee"),
    "openapi": ("open api", "swagger"),
    "pydantic": ("pie dantic", "py dantic", "pedantic"),
    "sqlalchemy": ("sql alchemy", "sequel alchemy"),
    "hpa": ("horizontal pod autoscaler",),
    "cap": ("cap theorem",),
    "cdn": ("content delivery network",),
}


def phrase_table() -> dict[str, str]:
    """Spoken form -> canonical term, for every built-in alias."""
    table: dict[str, str] = {}
    for canon, forms in BUILTIN.items():
        for form in forms:
            table[form] = canon
    return table
