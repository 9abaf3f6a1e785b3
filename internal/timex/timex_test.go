package timex

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline/internal/sharedtest"

	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/text"
)

// monday is the reference date of the table tests: Monday 5 January 2026.
var monday = time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)

type want struct {
	text, typ, value string
}

func checkExtract(t *testing.T, lang, sentence string, ref time.Time, expected []want) {
	t.Helper()
	got := Extract(sentence, text.Sentences(sentence, lang), lang, ref)
	var gs []string
	for _, g := range got {
		if sentence[g.Start:g.End] != g.Text {
			t.Errorf("%q: offsets %d-%d do not give %q", sentence, g.Start, g.End, g.Text)
		}
		gs = append(gs, g.Text+"|"+g.Type+"|"+g.Value)
	}
	var ws []string
	for _, w := range expected {
		ws = append(ws, w.text+"|"+w.typ+"|"+w.value)
	}
	if strings.Join(gs, " ; ") != strings.Join(ws, " ; ") {
		t.Errorf("%s %q\n got: %s\nwant: %s", lang, sentence, strings.Join(gs, " ; "), strings.Join(ws, " ; "))
	}
}

func TestExtractEnglish(t *testing.T) {
	tests := []struct {
		sentence string
		want     []want
	}{
		{"The strikes began on Sunday.", []want{{"Sunday", "DATE", "2026-01-04"}}},
		{"The council will meet on Sunday.", []want{{"Sunday", "DATE", "2026-01-11"}}},
		{"Troops crossed the border on Saturday, officials said.", []want{{"Saturday", "DATE", "2026-01-03"}}},
		// A quotation's tense is its speaker's, not the report's.
		{`"We will not go back to work," the union leader told reporters on Saturday.`, []want{{"Saturday", "DATE", "2026-01-03"}}},
		{`"We will meet on Saturday," the union leader said.`, []want{{"Saturday", "DATE", "2026-01-10"}}},
		{"He was arrested in December.", []want{{"December", "DATE", "2025-12"}}},
		{"Elections will be held in March.", []want{{"March", "DATE", "2026-03"}}},
		{"The attack happened on January 3, 2026, at 2 a.m. local time.", []want{{"January 3, 2026", "DATE", "2026-01-03"}, {"2 a.m. local time", "TIME", "2026-01-03T02:00"}}},
		{"Explosions were heard at 5:00 a.m. in the capital.", []want{{"5:00 a.m.", "TIME", "2026-01-05T05:00"}}},
		{"Talks collapsed on Jan. 3 after 18 months of negotiation.", []want{{"Jan. 3", "DATE", "2026-01-03"}, {"18 months", "DURATION", "P18M"}}},
		{"The ministry said last week that it had no plans.", []want{{"last week", "DATE", "2026-W01"}}},
		{"Two days later, the president resigned.", []want{{"Two days later", "DATE", "2026-01-07"}}},
		{"The ceasefire was signed on 2026-01-03. Two days later, fighting resumed.", []want{{"2026-01-03", "DATE", "2026-01-03"}, {"Two days later", "DATE", "2026-01-05"}}},
		{"Residents reported blasts this morning and again tonight.", []want{{"this morning", "TIME", "2026-01-05TMO"}, {"tonight", "TIME", "2026-01-05TNI"}}},
		{"Officials confirmed the deaths yesterday and will meet tomorrow.", []want{{"yesterday", "DATE", "2026-01-04"}, {"tomorrow", "DATE", "2026-01-06"}}},
		{"Growth slowed in the third quarter of 2025.", []want{{"the third quarter of 2025", "DATE", "2025-Q3"}}},
		{"Unrest has grown since the 1990s.", []want{{"the 1990s", "DATE", "199"}}},
		{"The blockade was announced two weeks ago.", []want{{"two weeks ago", "DATE", "2025-W52"}}},
		{"Inflation rose 5% last year and is expected to fall next year.", []want{{"last year", "DATE", "2025"}, {"next year", "DATE", "2027"}}},
		{"The economy is now in recession.", []want{{"now", "DATE", "PRESENT_REF"}}},
		{"The plant operates 24 hours a day.", []want{{"24 hours", "DURATION", "PT24H"}, {"a day", "DURATION", "P1D"}}},
		{"Patrols run every Monday.", []want{{"every Monday", "SET", "XXXX-WXX-1"}}},
		{"Shelling continued last night.", []want{{"last night", "TIME", "2026-01-04TNI"}}},
		{"The May 2025 protests drew thousands; they may return.", []want{{"May 2025", "DATE", "2025-05"}}},
		{"He paid $3.50 for 1,500 tickets.", nil},
		{"Tensions grew following weeks of talks and will ease in the coming months.", []want{{"the coming months", "DATE", "FUTURE_REF"}}},
		{"Profit rose in the third quarter of 2025 from a year ago.", []want{{"the third quarter of 2025", "DATE", "2025-Q3"}, {"a year ago", "DATE", "2024-Q3"}}},
		{"The treaty was signed in 2019. The following year, talks failed.", []want{{"2019", "DATE", "2019"}, {"The following year", "DATE", "2020"}}},
		{"The vote, held on Jan. 14, was delayed.", []want{{"Jan. 14", "DATE", "2026-01-14"}}},
		{"The 6-year-old girl and a two-year plan.", []want{{"two-year", "DURATION", "P2Y"}}},
		{"Rebels seized the town last November.", []want{{"last November", "DATE", "2025-11"}}},
		{"Thousands marched over the weekend.", []want{{"the weekend", "DATE", "2026-W01-WE"}}},
		{"Thousands will march over the weekend.", []want{{"the weekend", "DATE", "2026-W02-WE"}}},
		{"Sales rose in the quarter ended Sept. 30 and fell in the year ended March 31.", []want{{"the quarter", "DATE", "2025-Q3"}, {"Sept. 30", "DATE", "2025-09-30"}, {"the year", "DURATION", "P1Y"}, {"March 31", "DATE", "2025-03-31"}}},
		{"The retailer lost money in the fiscal quarter ended July 31, 2025.", []want{{"the fiscal quarter", "DATE", "2025-Q2"}, {"July 31, 2025", "DATE", "2025-07-31"}}},
		{"The region has been unstable for years and may calm within weeks, not for half the time.", []want{{"years", "DURATION", "PXY"}, {"weeks", "DURATION", "PXW"}}},
		{"The father will leave at 4 a.m. Thursday, the minister said.", []want{{"4 a.m. Thursday", "TIME", "2026-01-08T04:00"}}},
		{"He said Friday that talks will resume.", []want{{"Friday", "DATE", "2026-01-02"}}},
		{"The summit is this coming Sunday; this past Sunday was calm.", []want{{"this coming Sunday", "DATE", "2026-01-11"}, {"this past Sunday", "DATE", "2026-01-04"}}},
		{"Earnings will fall in the last half of 2026 and the final quarter of 2025.", []want{{"the last half of 2026", "DATE", "2026-H2"}, {"the final quarter of 2025", "DATE", "2025-Q4"}}},
		{"The strike began in March 2024. The following month, talks resumed.", []want{{"March 2024", "DATE", "2024-03"}, {"The following month", "DATE", "2024-04"}}},
		{"The boy was found on Thanksgiving Day and returned by Memorial Day 2026; last Christmas was quiet.", []want{{"Thanksgiving Day", "DATE", "2025-11-27"}, {"Memorial Day 2026", "DATE", "2026-05-25"}, {"last Christmas", "DATE", "2025-12-25"}}},
		{"Friday's vote followed last year's crisis; the quarter ended well.", []want{{"Friday", "DATE", "2026-01-02"}, {"last year", "DATE", "2025"}, {"the quarter", "DATE", "2026-Q1"}}},
		{"The coup came in July last year; the vote is due in April next year.", []want{{"July last year", "DATE", "2025-07"}, {"April next year", "DATE", "2027-04"}}},
		{"Profit fell in the third quarter of 2025 from $5 million in the 2024 quarter.", []want{{"the third quarter of 2025", "DATE", "2025-Q3"}, {"the 2024 quarter", "DATE", "2024-Q3"}}},
		{"The lender, which had balked, agreed to cut the loan by November; the pact is effective Oct. 1, and troops had left by Saturday.", []want{{"November", "DATE", "2026-11"}, {"Oct. 1", "DATE", "2026-10-01"}, {"Saturday", "DATE", "2026-01-03"}}},
		{"The deal should close by year-end, and troops will arrive by the end of the month.", []want{{"year-end", "DATE", "2026"}, {"the end of the month", "DATE", "2026-01"}}},
		{"Patrols that will end soon have run since March; protesters were planning a march on Saturday.", []want{{"March", "DATE", "2025-03"}, {"Saturday", "DATE", "2026-01-10"}}},
		{"Net fell in the quarter ended Sept. 30, 2025, from $5 million in the year-ago quarter.", []want{{"the quarter", "DATE", "2025-Q3"}, {"Sept. 30, 2025", "DATE", "2025-09-30"}, {"the year-ago quarter", "DATE", "2024-Q3"}}},
		{"It lost $8 million for the third quarter ended Sept. 30, against a profit for the corresponding period last year; sales for last year's quarter rose. For the quarter a year ago, it earned $16 million.", []want{{"the third quarter", "DATE", "2025-Q3"}, {"Sept. 30", "DATE", "2025-09-30"}, {"the corresponding period last year", "DATE", "2024-Q3"}, {"last year's quarter", "DATE", "2024-Q3"}, {"the quarter a year ago", "DATE", "2024-Q3"}}},
		{"Net rose in the third quarter of 2025 after a flat second quarter; in the year-earlier period it fell, and the current quarter began well.", []want{{"the third quarter of 2025", "DATE", "2025-Q3"}, {"second quarter", "DATE", "2025-Q2"}, {"the year-earlier period", "DATE", "2024-Q3"}, {"the current quarter", "DATE", "2026-Q1"}}},
		{"By mid afternoon the shelling stopped; shares fell at mid-afternoon yesterday.", []want{{"mid afternoon", "TIME", "2026-01-05TAF"}, {"mid-afternoon yesterday", "TIME", "2026-01-04TAF"}}},
		{"The quarter-to-quarter comparison and day-to-day trading improved.", nil},
		{"Baker, speaking on ABC's \"This Week,\" said talks would resume next week.", []want{{"next week", "DATE", "2026-W03"}}},
		{"Talks To Resume Next Week In Geneva", []want{{"Next Week", "DATE", "2026-W03"}}},
		{"Sun faces competition from Acme Co. Recently, analysts cut their forecasts.", []want{{"Recently", "DATE", "PAST_REF"}}},
		{"Each right buys one-half share; thousands joined the annual March for Life in January.", []want{{"January", "DATE", "2026-01"}}},
		// "Before" ending its phrase counts back from the last date; before
		// a noun it leaves the count to what it names.
		{"The vote was held on Monday. Two days before, troops had moved north; two days before the vote, talks failed.", []want{{"Monday", "DATE", "2026-01-05"}, {"Two days before", "DATE", "2026-01-03"}, {"two days", "DURATION", "P2D"}}},
		// What takes effect or expires looks ahead.
		{"The truce, which takes effect on Friday, expires on Sunday.", []want{{"Friday", "DATE", "2026-01-09"}, {"Sunday", "DATE", "2026-01-11"}}},
		// "May" alone is the month only where a word before asks for a time.
		{"Interior Minister Lena May said in May that schools would stay closed until May 11; May called it a precaution.", []want{{"May", "DATE", "2025-05"}, {"May 11", "DATE", "2025-05-11"}}},
		{"The siege lasted two and a half years; a minute and a half later a pilot called, and just over an hour later he died.", []want{{"two and a half years", "DURATION", "P2Y6M"}, {"a minute and a half later", "DURATION", "PT1M30S"}, {"an hour later", "DURATION", "PT1H"}}},
		{"Prices fell in the fall; rivals had cut prices over the summer and in the early spring.", []want{{"the fall", "DATE", "2025-FA"}, {"the summer", "DATE", "2025-SU"}, {"the early spring", "DATE", "2025-SP"}}},
		{"The trial opens the week of March 9; prices are reset hourly, and repairs will take the next couple of years.", []want{{"the week of March 9", "DATE", "2026-W11"}, {"hourly", "SET", "PT1H"}, {"the next couple of years", "DURATION", "P2Y"}}},
	}
	for _, tc := range tests {
		checkExtract(t, "en", tc.sentence, monday, tc.want)
	}
}

func TestExtractSpanish(t *testing.T) {
	tests := []struct {
		sentence string
		want     []want
	}{
		{"El ataque ocurrió el sábado.", []want{{"sábado", "DATE", "2026-01-03"}}},
		{"El consejo se reunirá el sábado.", []want{{"sábado", "DATE", "2026-01-10"}}},
		{"El pasado lunes se firmó el acuerdo.", []want{{"El pasado lunes", "DATE", "2025-12-29"}}},
		{"Las explosiones comenzaron el 3 de enero de 2026.", []want{{"3 de enero de 2026", "DATE", "2026-01-03"}}},
		{"La detención se produjo hace dos semanas.", []want{{"hace dos semanas", "DATE", "2025-W52"}}},
		{"Las tropas llegaron a principios de enero.", []want{{"principios de enero", "DATE", "2026-01"}}},
		{"Ayer hubo disturbios y anoche se oyeron disparos.", []want{{"Ayer", "DATE", "2026-01-04"}, {"anoche", "TIME", "2026-01-04TNI"}}},
		{"Hoy se reúne el gabinete y mañana viajará a Bogotá.", []want{{"Hoy", "DATE", "2026-01-05"}, {"mañana", "DATE", "2026-01-06"}}},
		{"Los bombardeos empezaron por la mañana.", []want{{"la mañana", "TIME", "2026-01-05TMO"}}},
		{"Se escucharon explosiones a las 2 de la madrugada.", []want{{"las 2 de la madrugada", "TIME", "2026-01-05T02:00"}}},
		{"El conflicto dura ya 18 meses.", []want{{"18 meses", "DURATION", "P18M"}}},
		{"El año pasado la economía cayó y este año crecerá.", []want{{"El año pasado", "DATE", "2025"}, {"este año", "DATE", "2026"}}},
		{"Las elecciones fueron en diciembre.", []want{{"diciembre", "DATE", "2025-12"}}},
		{"Tres días después, el presidente renunció.", []want{{"Tres días después", "DATE", "2026-01-08"}}},
		{"La próxima semana habrá una cumbre.", []want{{"La próxima semana", "DATE", "2026-W03"}}},
		{"El fin de semana pasado hubo protestas; este fin de semana habrá más.", []want{{"El fin de semana pasado", "DATE", "2026-W01-WE"}, {"este fin de semana", "DATE", "2026-W02-WE"}}},
		{"En las últimas semanas la situación empeoró.", []want{{"las últimas semanas", "DATE", "PAST_REF"}}},
		{"Las ventas subieron en el trimestre terminado el 30 de septiembre de 2025.", []want{{"el trimestre", "DATE", "2025-Q3"}, {"30 de septiembre de 2025", "DATE", "2025-09-30"}}},
		{"La empresa ganó 3 millones en el año fiscal finalizado el 31 de marzo.", []want{{"el año fiscal", "DURATION", "P1Y"}, {"31 de marzo", "DATE", "2025-03-31"}}},
		{"Los diputados votarán la reforma en la sesión del jueves, informó el Congreso.", []want{{"jueves", "DATE", "2026-01-08"}}},
		{"El ministro dijo el viernes que la tregua seguirá.", []want{{"viernes", "DATE", "2026-01-02"}}},
		{"El presidente del Consejo dijo que las consultas podrían comenzar el miércoles.", []want{{"miércoles", "DATE", "2026-01-07"}}},
		{"La votación está prevista para el jueves.", []want{{"jueves", "DATE", "2026-01-08"}}},
		{"El artefacto estalló la víspera en el mercado.", []want{{"la víspera", "DATE", "2026-01-04"}}},
		// The imperfect subjunctive looks back: "después de que atacaran".
		{"El martes, dos días después de que los rebeldes atacaran el puerto, llegaron las tropas.", []want{{"martes", "DATE", "2025-12-30"}, {"dos días", "DURATION", "P2D"}}},
		{"En la víspera de las elecciones, la policía detuvo a dos hombres.", nil},
		{"Las ventas cayeron en el último trimestre de 2025.", []want{{"el último trimestre de 2025", "DATE", "2025-Q4"}}},
		{"La huelga empezó en marzo de 2024. Al mes siguiente se reanudaron las negociaciones.", []want{{"marzo de 2024", "DATE", "2024-03"}, {"mes siguiente", "DATE", "2024-04"}}},
		{"El niño fue rescatado el Día de Acción de Gracias de 2025 y volvió en Navidad.", []want{{"Día de Acción de Gracias de 2025", "DATE", "2025-11-27"}, {"Navidad", "DATE", "2025-12-25"}}},
		{"La región vivió en guerra durante años.", []want{{"años", "DURATION", "PXY"}}},
		{"El acuerdo se firmó el 20 de diciembre y al día siguiente el diario lo publicó.", []want{{"20 de diciembre", "DATE", "2025-12-20"}, {"día siguiente", "DATE", "2025-12-21"}}},
		{"El golpe fue en julio del año pasado y la cumbre será el 3 de abril del año próximo.", []want{{"julio del año pasado", "DATE", "2025-07"}, {"3 de abril del año próximo", "DATE", "2027-04-03"}}},
		{"El banco, que se había negado, acordó reducir la deuda para noviembre.", []want{{"noviembre", "DATE", "2026-11"}}},
		{"El acuerdo se cerrará a final de año y miles marcharon el fin de semana.", []want{{"final de año", "DATE", "2026"}, {"el fin de semana", "DATE", "2026-W01-WE"}}},
		{"Las patrullas que vigilarán la costa siguen desde marzo.", []want{{"marzo", "DATE", "2025-03"}}},
		{"La empresa ganó 3 millones en el trimestre terminado el 30 de septiembre de 2025, frente a 5 millones un año antes.", []want{{"el trimestre", "DATE", "2025-Q3"}, {"30 de septiembre de 2025", "DATE", "2025-09-30"}, {"un año antes", "DATE", "2024-Q3"}}},
		{"Perdió 8 millones en el tercer trimestre terminado el 30 de septiembre, frente a una ganancia en el mismo trimestre del año pasado.", []want{{"el tercer trimestre", "DATE", "2025-Q3"}, {"30 de septiembre", "DATE", "2025-09-30"}, {"el mismo trimestre del año pasado", "DATE", "2024-Q3"}}},
		{"La ganancia subió en el tercer trimestre de 2025, tras un segundo trimestre plano; un año antes había caído y el trimestre actual empezó bien.", []want{{"el tercer trimestre de 2025", "DATE", "2025-Q3"}, {"segundo trimestre", "DATE", "2025-Q2"}, {"un año antes", "DATE", "2024-Q3"}, {"el trimestre actual", "DATE", "2026-Q1"}}},
		{"A media tarde llegaron las tropas.", []want{{"media tarde", "TIME", "2026-01-05TAF"}}},
		{"La situación empeora día a día y los precios suben año tras año.", nil},
		{"El ministro habló en el programa \"Hoy Mismo\" el lunes.", []want{{"lunes", "DATE", "2026-01-05"}}},
		{"Cada derecho compra media acción; miles se unieron a la marcha anual en enero.", []want{{"enero", "DATE", "2026-01"}}},
		{"La guerra duró dos años y medio; esperó una hora y media.", []want{{"dos años y medio", "DURATION", "P2Y6M"}, {"una hora y media", "DURATION", "PT1H30M"}}},
		{"Los precios subieron en el verano.", []want{{"el verano", "DATE", "2025-SU"}}},
		{"La reunión será el martes 8 de mayo de 2007 a las 2:30 de la tarde.", []want{{"martes 8 de mayo de 2007", "DATE", "2007-05-08"}, {"las 2:30 de la tarde", "TIME", "2007-05-08T14:30"}}},
		{"El juicio empieza la semana del 9 de marzo y las obras durarán un par de años.", []want{{"la semana del 9 de marzo", "DATE", "2026-W11"}, {"un par de años", "DURATION", "P2Y"}}},
		// A month with its direction said, whatever the verb's tense.
		{"Se teme que se repitan las masacres de diciembre pasado; habrá elecciones en marzo próximo.", []want{{"diciembre pasado", "DATE", "2025-12"}, {"marzo próximo", "DATE", "2026-03"}}},
		// A day of the month without its month: the nearest that way.
		{"La feria seguirá abierta hasta el próximo día 28; el acuerdo se firmó el pasado día 12 y la junta se reunió el día 3.", []want{{"el próximo día 28", "DATE", "2026-01-28"}, {"el pasado día 12", "DATE", "2025-12-12"}, {"el día 3", "DATE", "2026-01-03"}}},
		// Counted from an event, not from the day in focus: only the length.
		{"El impuesto se paga nueve meses después de la muerte del titular.", []want{{"nueve meses", "DURATION", "P9M"}}},
	}
	for _, tc := range tests {
		checkExtract(t, "es", tc.sentence, monday, tc.want)
	}
}

// TestExtractAgainstThursday covers phenomena whose direction depends on the
// weekday of the reference date, Thursday 8 January 2026.
func TestExtractAgainstThursday(t *testing.T) {
	thursday := time.Date(2026, 1, 8, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		lang, sentence string
		want           []want
	}{
		{"es", "Los líderes acordaron que se reúnan el sábado.", []want{{"sábado", "DATE", "2026-01-10"}}},
		{"es", "Acordaron que sus cancilleres se reúnan el sábado.", []want{{"sábado", "DATE", "2026-01-10"}}},
		{"es", "El ministro pidió que los rehenes sean liberados el lunes.", []want{{"lunes", "DATE", "2026-01-12"}}},
		{"es", "Los líderes se reunieron el sábado.", []want{{"sábado", "DATE", "2026-01-03"}}},
		{"es", "Dijo que la policía llegó el lunes.", []want{{"lunes", "DATE", "2026-01-05"}}},
		{"es", "La cumbre será el próximo lunes.", []want{{"el próximo lunes", "DATE", "2026-01-12"}}},
		{"es", "La delegación llegará pasado mañana.", []want{{"pasado mañana", "DATE", "2026-01-10"}}},
		{"es", "El informe se publicará a finales de mes.", []want{{"finales de mes", "DATE", "2026-01"}}},
		{"es", "La deuda se disparó a finales del año pasado.", []want{{"finales del año pasado", "DATE", "2025"}}},
		{"es", "La guerrilla se desmovilizó en los años 90.", []want{{"los años 90", "DATE", "199"}}},
		{"es", "El puerto creció en la década de 1980.", []want{{"la década de 1980", "DATE", "198"}}},
		{"es", "El alcalde renunció hace dos semanas.", []want{{"hace dos semanas", "DATE", "2025-W52"}}},
		{"es", "El gobierno responderá dentro de tres días.", []want{{"dentro de tres días", "DATE", "2026-01-11"}}},
		{"es", "El festival será del 3 al 5 de enero.", []want{{"3", "DATE", "2026-01-03"}, {"5 de enero", "DATE", "2026-01-05"}}},
		{"es", "Hubo cortes entre el 10 y el 12 de febrero de 2025.", []want{{"10", "DATE", "2025-02-10"}, {"12 de febrero de 2025", "DATE", "2025-02-12"}}},
		{"es", "Hubo cortes entre el 10 y 12 de febrero de 2025.", []want{{"10", "DATE", "2025-02-10"}, {"12 de febrero de 2025", "DATE", "2025-02-12"}}},
		{"en", "The bridge collapsed on March 3, 2025. The next morning, divers found the car.", []want{{"March 3, 2025", "DATE", "2025-03-03"}, {"The next morning", "TIME", "2025-03-04TMO"}}},
		{"en", "Repairs will take two to three weeks.", []want{{"two to three weeks", "DURATION", "P3W"}}},
		{"en", "The envoy arrives the day after tomorrow.", []want{{"the day after tomorrow", "DATE", "2026-01-10"}}},
		{"en", "The convoy could leave as soon as Tuesday.", []want{{"Tuesday", "DATE", "2026-01-13"}}},
		{"en", "Exports have fallen in recent years.", []want{{"recent years", "DATE", "PXY"}}},
		{"en", "Profit rose in the third quarter of 2025, up from the year-earlier quarter.", []want{{"the third quarter of 2025", "DATE", "2025-Q3"}, {"the year-earlier quarter", "DATE", "2024-Q3"}}},
		{"en", "Sales for the fiscal year rose; the latest period was weak.", []want{{"the fiscal year", "DATE", "2026"}, {"the latest period", "DATE", "2025-Q4"}}},
		{"en", "The dam broke on May 2, 2024, and the town was evacuated that same day.", []want{{"May 2, 2024", "DATE", "2024-05-02"}, {"that same day", "DATE", "2024-05-02"}}},
		{"en", "He fled in June 1998 and returned later that year.", []want{{"June 1998", "DATE", "1998-06"}, {"later that year", "DATE", "1998"}}},
		{"en", "Computers were not ready for the year two thousand.", []want{{"the year two thousand", "DATE", "2000"}}},
		{"es", "El dique se rompió el 2 de mayo de 2024 y ese mismo día evacuaron el pueblo.", []want{{"2 de mayo de 2024", "DATE", "2024-05-02"}, {"ese mismo día", "DATE", "2024-05-02"}}},
		{"es", "Nadie sabía qué pasaría en el año dos mil.", []want{{"el año dos mil", "DATE", "2000"}}},
		{"en", "Margins narrowed in last year's fourth quarter and will widen in the first half of next year.", []want{{"last year's fourth quarter", "DATE", "2025-Q4"}, {"the first half of next year", "DATE", "2027-H1"}}},
		{"en", "He resigned two days after Jan. 2.", []want{{"two days after", "DATE", "2026-01-04"}, {"Jan. 2", "DATE", "2026-01-02"}}},
		{"en", "A week before the March 3 vote, he left.", []want{{"A week before", "DATE", "2026-02-24"}, {"March 3", "DATE", "2026-03-03"}}},
		{"en", "Talks lasted three days, on Jan. 5 they ended.", []want{{"three days", "DURATION", "P3D"}, {"Jan. 5", "DATE", "2026-01-05"}}},
		{"es", "Renunció dos días después del 3 de enero.", []want{{"dos días después", "DATE", "2026-01-05"}, {"3 de enero", "DATE", "2026-01-03"}}},
		{"es", "Llegó una semana antes del 20 de diciembre.", []want{{"una semana antes", "DATE", "2025-12-13"}, {"20 de diciembre", "DATE", "2025-12-20"}}},
		{"en", "In nineteen ninety-six the plant closed; in January nineteen ninety-seven it reopened.", []want{{"nineteen ninety-six", "DATE", "1996"}, {"January nineteen ninety-seven", "DATE", "1997-01"}}},
		{"en", "Rents doubled in the nineties and will not fall in the near future.", []want{{"the nineties", "DATE", "199"}, {"the near future", "DATE", "FUTURE_REF"}}},
		{"en", "The strike may last two more weeks.", []want{{"two more weeks", "DURATION", "P2W"}}},
		{"en", "Twenty four hours later the river rose.", []want{{"Twenty four hours later", "TIME", "2026-01-09T00:00"}}},
		{"en", "Markets fell on Friday, Oct. 24, down 4% from the previous Friday.", []want{{"Friday, Oct. 24", "DATE", "2025-10-24"}, {"the previous Friday", "DATE", "2025-10-17"}}},
		{"en", "She married when she was in her 30s.", nil},
		{"en", "The offer expires at 5 p.m. EST, Nov. 6, 2026.", []want{{"5 p.m. EST, Nov. 6, 2026", "TIME", "2026-11-06T17:00"}}},
		{"es", "Pidieron que el tribunal decida antes del viernes.", []want{{"viernes", "DATE", "2026-01-09"}}},
		{"es", "Ordenó que los liberen el martes.", []want{{"martes", "DATE", "2026-01-13"}}},
		{"es", "Dijo que la policía lo detuvo el martes.", []want{{"martes", "DATE", "2026-01-06"}}},
		{"es", "Vive en Madrid desde hace tres años.", []want{{"desde hace tres años", "DURATION", "P3Y"}}},
		{"es", "La planta abrirá en el primer trimestre del próximo año.", []want{{"el primer trimestre del próximo año", "DATE", "2027-Q1"}}},
		{"es", "Las ventas cayeron en el tercer trimestre del año pasado.", []want{{"el tercer trimestre del año pasado", "DATE", "2025-Q3"}}},
	}
	for _, tc := range tests {
		checkExtract(t, tc.lang, tc.sentence, thursday, tc.want)
	}
}

// TestPossessiveWeekday checks that a day modifying a noun names the past
// event whatever future verb governs the sentence, unless "next" or a word
// looking ahead says otherwise (reference Thursday 8 January 2026).
func TestPossessiveWeekday(t *testing.T) {
	thursday := time.Date(2026, 1, 8, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		lang, sentence string
		want           []want
	}{
		{"en", "The ministry says it will rebuild the port in the aftermath of Tuesday's flood.", []want{{"Tuesday", "DATE", "2026-01-06"}}},
		{"en", "Investigators will examine the wreckage after Monday’s crash near the airport.", []want{{"Monday", "DATE", "2026-01-05"}}},
		{"en", "Both parties will campaign hard ahead of Sunday's runoff.", []want{{"Sunday", "DATE", "2026-01-11"}}},
		{"en", "Organisers will close the roads for next Saturday's parade.", []want{{"next Saturday", "DATE", "2026-01-10"}}},
		{"en", "The union will strike on Monday.", []want{{"Monday", "DATE", "2026-01-12"}}},
		{"es", "La fiscalía investigará el incendio del martes en el mercado.", []want{{"martes", "DATE", "2026-01-06"}}},
		{"es", "Los vecinos volverán a marchar tras la inundación del lunes.", []want{{"lunes", "DATE", "2026-01-05"}}},
		{"es", "Los partidos cerrarán campaña de cara a la votación del domingo.", []want{{"domingo", "DATE", "2026-01-11"}}},
		{"es", "El gobierno presentará la ley antes del sábado.", []want{{"sábado", "DATE", "2026-01-10"}}},
		{"es", "Habrá cortes de tráfico por la marcha del próximo sábado.", []want{{"próximo sábado", "DATE", "2026-01-10"}}},
	}
	for _, tc := range tests {
		checkExtract(t, tc.lang, tc.sentence, thursday, tc.want)
	}
}

func TestExtractWithoutReference(t *testing.T) {
	checkExtract(t, "en", "The strikes began on Sunday, January 4.", time.Time{}, []want{{"Sunday, January 4", "DATE", "XXXX-01-04"}})
	checkExtract(t, "en", "They left yesterday.", time.Time{}, []want{{"yesterday", "DATE", "XXXX-XX-XX"}})
	checkExtract(t, "es", "Llegaron el sábado.", time.Time{}, []want{{"sábado", "DATE", "XXXX-WXX-6"}})
	checkExtract(t, "en", "It happened on January 3, 2026.", time.Time{}, []want{{"January 3, 2026", "DATE", "2026-01-03"}})
}

func TestDocumentDate(t *testing.T) {
	tests := []struct {
		text, lang string
		want       time.Time
		prec       model.Precision
		ok         bool
	}{
		{"CARACAS, Jan 3 (Reuters) - Explosions shook the city on Saturday, a day after talks in 2026 failed.", "en", time.Date(2026, 1, 3, 0, 0, 0, 0, time.UTC), model.PrecisionDay, true},
		{"Protests spread\nPublished January 4, 2026 10:30\nThe government said on Dec. 30, 2025 that...", "en", time.Date(2026, 1, 4, 10, 30, 0, 0, time.UTC), model.PrecisionMinute, true},
		{"BOGOTÁ, 3 de enero de 2026.- El presidente denunció bombardeos.", "es", time.Date(2026, 1, 3, 0, 0, 0, 0, time.UTC), model.PrecisionDay, true},
		{"No date here at all, only Saturday.", "en", time.Time{}, model.PrecisionNone, false},
		{"Talks resume\n\n8 January 2026 at 17:53\n\nIt was a long night.", "en", time.Date(2026, 1, 8, 17, 53, 0, 0, time.UTC), model.PrecisionMinute, true},
		{"Protestas\n3 de enero de 2026, 14:17\nMiles de personas marcharon.", "es", time.Date(2026, 1, 3, 14, 17, 0, 0, time.UTC), model.PrecisionMinute, true},
	}
	for _, tc := range tests {
		got, p, ok := DocumentDate(tc.text, tc.lang, time.Time{})
		if ok != tc.ok || !got.Equal(tc.want) || p != tc.prec {
			t.Errorf("DocumentDate(%q) = %v %q %v, want %v %q %v", tc.text, got, p, ok, tc.want, tc.prec, tc.ok)
		}
	}
}

// sharedDir returns a folder of /work/shared, skipping the test when it is
// absent outside CI.
func sharedDir(t testing.TB, parts ...string) string {
	t.Helper()
	return sharedtest.Path(t, parts...)
}

func TestDocumentDateSeed(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(sharedDir(t, "seeds"), "000_*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("seed 000 not found: %v", err)
	}
	b, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	got, p, ok := DocumentDate(string(b), "en", time.Time{})
	if !ok || got.Format("2006-01-02") != "2026-01-03" || p != model.PrecisionDay {
		t.Errorf("DocumentDate(seed 000) = %v %q %v, want 2026-01-03 day", got, p, ok)
	}
}

// TestFollowers checks the pre-filter on the token after a rule's first:
// known for a plain first token, unknown after a number or an optional
// start, and admitting a number when the rest starts with one.
func TestFollowers(t *testing.T) {
	l := languages["en"]
	parse := func(pat string) []*node {
		p := &ruleParser{macros: map[string][][]*node{}, classes: map[string]bool{"UNIT": true, "NUM": true, "REL": true}, file: "test"}
		alts, _, err := p.parseAlternatives(strings.Fields(pat), 0)
		if err != nil {
			t.Fatal(err)
		}
		return alts[0]
	}
	toks := l.tokenize("the next three weeks")
	tests := []struct {
		pattern string
		known   bool
		admits  []bool // for "next", "three", "weeks" as the following token
	}{
		{"the REL UNIT", true, []bool{true, false, false}},
		{"the NUM UNIT", true, []bool{false, true, false}},
		{"the REL? UNIT", true, []bool{true, false, true}},
		{"NUM UNIT", false, nil},
		{"the? UNIT", false, nil},
	}
	for _, tc := range tests {
		nk := followers(parse(tc.pattern))
		if (nk != nil) != tc.known {
			t.Errorf("%q: known %v, want %v", tc.pattern, nk != nil, tc.known)
			continue
		}
		for k, want := range tc.admits {
			if got := nk.admits(&toks[k+1]); got != want {
				t.Errorf("%q admits %q: %v, want %v", tc.pattern, toks[k+1].low, got, want)
			}
		}
	}
}

// TestBareNumbers checks that a number standing alone is read as a year
// only where a year can stand, and a four-digit clock with a zone as a
// time.
func TestBareNumbers(t *testing.T) {
	tests := []struct {
		lang, sentence string
		want           []want
	}{
		// Percentages, counted nouns and units.
		{"en", "Orders for masks are up 1000 % this week and rose 2000 percent in all.", []want{{"this week", "DATE", "2026-W02"}}},
		{"en", "About 1500 troops and 2000 police were sent to the 1900 block of Elm Street.", nil},
		{"es", "Las ventas subieron un 1000 % y luego un 2000 por ciento; llegaron 1500 soldados.", nil},
		// Currency signs, labels and quantities.
		{"en", "Flight 1036 left, resolution 1999 passed and the fund paid $2000 and £1999.", nil},
		{"en", "As many as 2000 volunteers came; the risk is one in 1000, and twenty thousand homes flooded.", nil},
		{"es", "Más de 2000 vecinos esperaron el vuelo 1036 tras la resolución 1999; enferma uno de cada 1000.", nil},
		// Far from the reference date, with no word that asks for a year.
		{"en", "At 1426 the agency counted 1150 new infections.", nil},
		{"en", "The doctor called at 1930 and the ambulance came at 2010 GMT.", []want{{"2010 GMT", "TIME", "2026-01-05T20:10"}}},
		{"es", "El médico llamó a las 1930 y la ambulancia llegó a las 2010 GMT.", []want{{"las 2010 GMT", "TIME", "2026-01-05T20:10"}}},
		// Years near the reference date, or after a cue far from it.
		{"en", "The chapel was built in 1612 and rebuilt after the 1953 flood; a 1998 law and the 2008 crisis followed.", []want{{"1612", "DATE", "1612"}, {"1953", "DATE", "1953"}, {"1998", "DATE", "1998"}, {"2008", "DATE", "2008"}}},
		{"es", "La iglesia se construyó en 1612 y la crisis de 2008 llegó tras la ley de 1998.", []want{{"1612", "DATE", "1612"}, {"2008", "DATE", "2008"}, {"1998", "DATE", "1998"}}},
		// Four-digit clocks with a zone.
		{"en", "The quake struck at 1653 local time (2153 GMT); updates ran between 2300 and 0200 GMT.", []want{{"1653 local time", "TIME", "2026-01-05T16:53"}, {"2153 GMT", "TIME", "2026-01-05T21:53"}, {"2300", "TIME", "2026-01-05T23:00"}, {"0200 GMT", "TIME", "2026-01-05T02:00"}}},
		// Decades written with an apostrophe.
		{"en", "Unrest grew in the 1990's and the early 1980’s.", []want{{"the 1990's", "DATE", "199"}, {"1980’s", "DATE", "198"}}},
		{"es", "La crisis de los 1990's marcó al país.", []want{{"1990's", "DATE", "199"}}},
		{"en", "19 January, 2200 GMT: the convoy reached the airport.", []want{{"19 January, 2200 GMT", "TIME", "2026-01-19T22:00"}}},
		{"es", "El sismo ocurrió a las 1653 hora local (2153 GMT).", []want{{"las 1653 hora local", "TIME", "2026-01-05T16:53"}, {"2153 GMT", "TIME", "2026-01-05T21:53"}}},
	}
	for _, tc := range tests {
		checkExtract(t, tc.lang, tc.sentence, monday, tc.want)
	}
}

// TestDocumentDateWithoutYear: a dateline without a year is the latest
// such day not after the report was written; unknown without that.
func TestDocumentDateWithoutYear(t *testing.T) {
	const report = "Lodravo, 5 mar (EFE).- La cifra de fallecidos ascendió a 95."
	tests := []struct {
		written string
		want    string
	}{
		{"2026-03-10", "2026-03-05"},
		{"2026-03-05", "2026-03-05"},
		{"2026-01-10", "2025-03-05"},
		{"", ""},
	}
	for _, tc := range tests {
		var written time.Time
		if tc.written != "" {
			written, _ = time.Parse("2006-01-02", tc.written)
		}
		got, p, ok := DocumentDate(report, "es", written)
		if tc.want == "" {
			if ok {
				t.Errorf("written %q: got %v, want no date", tc.written, got)
			}
			continue
		}
		if !ok || p != model.PrecisionDay || got.Format("2006-01-02") != tc.want {
			t.Errorf("written %q: got %v %q %v, want %s", tc.written, got, p, ok, tc.want)
		}
	}
	// "mar" is the month only right after a day.
	checkExtract(t, "es", "El mar estaba en calma; el 5 mar llegaron los barcos.", time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC),
		[]want{{"5 mar", "DATE", "2026-03-05"}})
}
