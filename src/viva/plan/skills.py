"""How job descriptions name skills, mapped onto the bank's topics and subtopics.

Job descriptions use different words from a learner asking questions: "Django REST
Framework", "event-driven", "k8s", "scalable distributed systems". This table holds those
words (folded: lower case, punctuation as spaces) next to the topic and subtopic they mean.
The bank's own topic aliases are added at run time, except the single common words in
``GENERIC`` that mean something else in a job ad (a sales "pipeline", "production" of a
show). ``OUTSIDE`` names technologies the bank does not cover, so they can be listed as
unknown skills rather than silently dropped.
"""

from __future__ import annotations

Target = tuple[str, str | None]

# "REST APIs" belong to whichever framework the job names; see jd.API_BY_FRAMEWORK
API = "@api"

SKILLS: dict[str, tuple[Target, ...]] = {
    # python
    "python": (("python", None),),
    "python3": (("python", None),),
    "python 3": (("python", None),),
    "cpython": (("python", None),),
    "pythonic": (("python", None),),
    "asyncio": (("python", "concurrency"),),
    "async await": (("python", "concurrency"),),
    "async programming": (("python", "concurrency"),),
    "concurrency": (("python", "concurrency"),),
    "multithreading": (("python", "concurrency"),),
    "multiprocessing": (("python", "concurrency"),),
    "python packaging": (("python", "packaging"),),
    "python decorators": (("python", "decorators"),),
    "python generators": (("python", "iteration"),),
    "type hints": (("python", "typing"),),
    "type hinting": (("python", "typing"),),
    "mypy": (("python", "typing"),),
    "static typing": (("python", "typing"),),
    "pytest": (("python", "testing"),),
    "unit testing": (("python", "testing"),),
    "unit tests": (("python", "testing"),),
    "tdd": (("python", "testing"),),
    "test driven": (("python", "testing"),),
    "automated testing": (("python", "testing"),),
    "oop": (("python", "oop"),),
    "object oriented": (("python", "oop"),),
    "poetry": (("python", "packaging"),),
    "memory management": (("python", "memory"),),
    # frameworks
    "django": (("django", None),),
    "drf": (("django", "rest-framework"),),
    "django rest framework": (("django", "rest-framework"),),
    "django orm": (("django", "orm"),),
    "django channels": (("django", "concurrency"),),
    "flask": (("flask", None),),
    "blueprints": (("flask", "app-structure"),),
    "flask sqlalchemy": (("flask", "database"),),
    "fastapi": (("fastapi", None),),
    "fast api": (("fastapi", None),),
    "pydantic": (("fastapi", "validation"),),
    "starlette": (("fastapi", "fundamentals"),),
    "openapi": (("fastapi", "openapi"),),
    "swagger": (("fastapi", "openapi"),),
    "websockets": (("fastapi", "websockets"),),
    "rest": ((API, None),),
    "restful": ((API, None),),
    "rest api": ((API, None),),
    "web api": ((API, None),),
    "http api": ((API, None),),
    "api design": ((API, None),),
    "api development": ((API, None),),
    # databases
    "sql": (("databases", None),),
    "postgresql": (("databases", None),),
    "postgres": (("databases", None),),
    "mysql": (("databases", None),),
    "mariadb": (("databases", None),),
    "sqlite": (("databases", None),),
    "relational database": (("databases", None),),
    "rdbms": (("databases", None),),
    "database": (("databases", None),),
    "databases": (("databases", None),),
    "nosql": (("databases", "data-modeling"),),
    "mongodb": (("databases", "data-modeling"),),
    "dynamodb": (("databases", "data-modeling"),),
    "cassandra": (("databases", "scaling"),),
    "data modeling": (("databases", "data-modeling"),),
    "data modelling": (("databases", "data-modeling"),),
    "schema design": (("databases", "data-modeling"),),
    "query optimization": (("databases", "query-optimization"),),
    "query optimisation": (("databases", "query-optimization"),),
    "indexing": (("databases", "indexes"),),
    "database transactions": (("databases", "transactions"),),
    "sqlalchemy": (("databases", None),),
    "orm": (("databases", None),),
    "redis": (("databases", "caching"), ("system-design", "caching")),
    "memcached": (("databases", "caching"),),
    # microservices and messaging
    "microservice": (("microservices", None),),
    "microservices": (("microservices", None),),
    "micro services": (("microservices", None),),
    "service oriented": (("microservices", None),),
    "soa": (("microservices", None),),
    "event driven": (("microservices", "event-driven"),),
    "event sourcing": (("microservices", "event-driven"),),
    "cqrs": (("microservices", "event-driven"),),
    "pub sub": (("microservices", "event-driven"),),
    "kafka": (("microservices", "event-driven"), ("system-design", "messaging")),
    "rabbitmq": (("system-design", "messaging"), ("microservices", "communication")),
    "message queue": (("system-design", "messaging"),),
    "message queues": (("system-design", "messaging"),),
    "message broker": (("system-design", "messaging"),),
    "celery": (("system-design", "messaging"),),
    "sqs": (("system-design", "messaging"),),
    "grpc": (("microservices", "communication"),),
    "api gateway": (("microservices", "api-gateway"),),
    "service mesh": (("microservices", "service-mesh"),),
    "istio": (("microservices", "service-mesh"),),
    "linkerd": (("microservices", "service-mesh"),),
    "circuit breaker": (("microservices", "resilience"),),
    "fault tolerance": (("microservices", "resilience"),),
    "domain driven design": (("microservices", "decomposition"),),
    "ddd": (("microservices", "decomposition"),),
    "saga": (("microservices", "data-management"),),
    "distributed tracing": (("microservices", "observability"),),
    "opentelemetry": (("microservices", "observability"),),
    "oauth": (("microservices", "security"),),
    "oauth2": (("microservices", "security"),),
    "jwt": (("microservices", "security"),),
    "mutual tls": (("microservices", "security"),),
    "mtls": (("microservices", "security"),),
    # system design
    "system design": (("system-design", None),),
    "systems design": (("system-design", None),),
    "distributed systems": (("system-design", None),),
    "distributed system": (("system-design", None),),
    "scalable systems": (("system-design", "scalability"),),
    "scalable services": (("system-design", "scalability"),),
    "scalable backend": (("system-design", "scalability"),),
    "scalable apis": (("system-design", "scalability"),),
    "scalability": (("system-design", "scalability"),),
    "high availability": (("system-design", "scalability"),),
    "high traffic": (("system-design", "scalability"),),
    "high load": (("system-design", "scalability"),),
    "large scale": (("system-design", "scalability"),),
    "load balancing": (("system-design", "scalability"),),
    "load balancer": (("system-design", "scalability"),),
    "caching": (("system-design", "caching"),),
    "cdn": (("system-design", "caching"),),
    "rate limiting": (("system-design", "traffic-control"),),
    "sharding": (("system-design", "data-distribution"),),
    "database replication": (("system-design", "data-distribution"),),
    "cap theorem": (("system-design", "data-distribution"),),
    "eventual consistency": (("system-design", "data-distribution"),),
    "software architecture": (("system-design", None),),
    "system architecture": (("system-design", None),),
    "backend architecture": (("system-design", None),),
    "solution architecture": (("system-design", None),),
    # design patterns
    "design patterns": (("design-patterns", None),),
    "design pattern": (("design-patterns", None),),
    "solid": (("design-patterns", "principles"),),
    "solid principles": (("design-patterns", "principles"),),
    "clean code": (("design-patterns", "principles"),),
    "design principles": (("design-patterns", "principles"),),
    "software design": (("design-patterns", None),),
    "gof": (("design-patterns", None),),
    "gang of four": (("design-patterns", None),),
    "clean architecture": (("design-patterns", "architectural"),),
    "hexagonal architecture": (("design-patterns", "architectural"),),
    "dependency injection": (("design-patterns", "architectural"),),
    "repository pattern": (("design-patterns", "architectural"),),
    # containers, delivery, operations
    "docker": (("docker", None),),
    "containerization": (("docker", None),),
    "containerisation": (("docker", None),),
    "containerized": (("docker", None),),
    "containerised": (("docker", None),),
    "docker compose": (("docker", "compose"),),
    "dockerfile": (("docker", "dockerfiles"),),
    "kubernetes": (("kubernetes", None),),
    "k8s": (("kubernetes", None),),
    "helm": (("kubernetes", None),),
    "eks": (("kubernetes", None),),
    "gke": (("kubernetes", None),),
    "aks": (("kubernetes", None),),
    "openshift": (("kubernetes", None),),
    "ci cd": (("cicd", None),),
    "cicd": (("cicd", None),),
    "continuous integration": (("cicd", None),),
    "continuous delivery": (("cicd", None),),
    "continuous deployment": (("cicd", None),),
    "jenkins": (("cicd", "tools"),),
    "github actions": (("cicd", "tools"),),
    "gitlab ci": (("cicd", "tools"),),
    "circleci": (("cicd", "tools"),),
    "build pipelines": (("cicd", "pipelines"),),
    "deployment pipelines": (("cicd", "pipelines"),),
    "nginx": (("deployment", "web-servers"),),
    "gunicorn": (("deployment", "app-servers"),),
    "uvicorn": (("deployment", "app-servers"),),
    "wsgi": (("deployment", "app-servers"),),
    "asgi": (("deployment", "app-servers"),),
    "terraform": (("deployment", "infrastructure"),),
    "ansible": (("deployment", "infrastructure"),),
    "pulumi": (("deployment", "infrastructure"),),
    "infrastructure as code": (("deployment", "infrastructure"),),
    "iac": (("deployment", "infrastructure"),),
    "monitoring": (("deployment", "observability"),),
    "alerting": (("deployment", "observability"),),
    "observability": (("deployment", "observability"),),
    "prometheus": (("deployment", "observability"),),
    "grafana": (("deployment", "observability"),),
    "datadog": (("deployment", "observability"),),
    "sentry": (("deployment", "observability"),),
    "zero downtime": (("deployment", "release-strategies"),),
    "blue green": (("deployment", "release-strategies"),),
    "canary": (("deployment", "release-strategies"),),
    "devops": (("deployment", None),),
    "deployment": (("deployment", None),),
    "deployments": (("deployment", None),),
}

# Single words the bank uses as topic aliases that mean something else in a job ad.
GENERIC = frozenset(
    """pipeline pipelines production hosting patterns pattern architecture deploy deploying
    go live container containers db dbs events framework py msa solid rest helm""".split()
) | {"build pipeline", "go live"}

# Technologies the bank does not cover (yet): listed as unknown skills when a job names them.
# Words that count only in a job ad that names some clearer backend skill too: on their own
# ("maintain the customer database", "monitoring campaign results") they are not a skill.
WEAK_WORDS = frozenset(
    """database databases deployment deployments monitoring alerting concurrency caching
    scalability orm indexing sql oop""".split()
)

# Words that are a skill only when written the way engineers write them ("SOLID", not "a
# solid understanding"; "REST", not "the rest of the team"; "Helm", not "at the helm").
CASED: dict[str, str] = {"solid": "SOLID", "rest": "REST", "helm": "Helm"}

# Common English words that name a technology only when capitalised.
CAPITALISED_ONLY = frozenset("spring swift rust excel spark react rails ruby".split())

OUTSIDE: dict[str, str] = {
    w: w.title() if w.isalpha() and len(w) > 4 else w
    for w in """java kotlin scala golang rust ruby rails php laravel javascript typescript
    react angular vue svelte spring aws gcp azure graphql elasticsearch opensearch spark
    hadoop airflow dbt snowflake bigquery tableau salesforce figma swift ios android flutter
    pandas numpy pytorch tensorflow linux bash git jira agile scrum selenium cypress
    hubspot photoshop excel c++ c# .net node.js nodejs next.js""".split()
}
OUTSIDE.update(
    {
        "java": "Java",
        "kotlin": "Kotlin",
        "scala": "Scala",
        "golang": "Go",
        "rust": "Rust",
        "ruby": "Ruby",
        "rails": "Rails",
        "php": "PHP",
        "javascript": "JavaScript",
        "typescript": "TypeScript",
        "react": "React",
        "angular": "Angular",
        "vue": "Vue",
        "aws": "AWS",
        "gcp": "GCP",
        "azure": "Azure",
        "graphql": "GraphQL",
        "elasticsearch": "Elasticsearch",
        "ios": "iOS",
        "dbt": "dbt",
        "git": "Git",
        "c++": "C++",
        "c#": "C#",
        ".net": ".NET",
        "node.js": "Node.js",
        "nodejs": "Node.js",
        "next.js": "Next.js",
        "linux": "Linux",
        "bash": "Bash",
        "jira": "Jira",
        "machine learning": "machine learning",
        "google cloud": "Google Cloud",
        "spring boot": "Spring Boot",
        "pytorch": "PyTorch",
        "pandas": "pandas",
        "numpy": "NumPy",
        "tensorflow": "TensorFlow",
        "hubspot": "HubSpot",
        "airflow": "Airflow",
        "power bi": "Power BI",
        "ruby on rails": "Ruby on Rails",
    }
)
