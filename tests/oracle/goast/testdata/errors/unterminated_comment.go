package p

/* unterminated comment
