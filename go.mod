module github.com/storyline/storyline

go 1.26.8
