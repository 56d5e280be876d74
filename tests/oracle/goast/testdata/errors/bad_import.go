package p

import "a b"
import ""
