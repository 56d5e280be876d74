package p // comment
/* block */
