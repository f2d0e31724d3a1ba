"""Guards: request-level protections shared by every page (bad input, caching, rate limits,
bounds on free text). Its catalogue holds the messages of the security fixes."""
