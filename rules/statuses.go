package rules

// UptakeFamilies lists the uptake source families, in the spec's order.
func UptakeFamilies() []string { return []string{"runner", "action", "recipe"} }

// FamilyStatuses lists every status a family's records may carry: its wire
// strings, then its spec constants, each once, from the same table the
// uptake rules use. A status outside it is what invalid-uptake-status
// flags.
func FamilyStatuses(fam string) []string {
	out := append([]string{}, familyWire[fam]...)
	return append(out, familyConstants[fam]...)
}
