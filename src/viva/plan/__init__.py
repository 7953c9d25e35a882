"""Study plans shaped by a job: job description -> requirements -> day-by-day plan (pure).

``jd.extract`` reads a job description into ``Requirements`` (role level, skills mapped onto
the bank's topics and subtopics, unknown skills kept); ``build.build_plan`` combines them
with the learner's ``Goal`` (strengths, weak areas, level, days, minutes a day) and measured
mastery into a ``Plan``. No I/O, no clock: the edge passes today's date in.
"""
