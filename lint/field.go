package lint

// FieldKind says whether a canonical member is present, and how its value
// is held.
type FieldKind uint8

// Field kinds.
const (
	// Absent: the canonical document has no such member.
	Absent FieldKind = iota
	// String: the value is a string, held in Field.Str.
	String
	// Other: the value is of another JSON type, held in Field.Raw (nil
	// for JSON null).
	Other
)

// Field is the value of a canonical member. Strings, the common case, are
// held as such, not boxed in an interface; any other value is kept as
// decoded (nil, bool, float64, *Object, []any, or their plain forms).
type Field struct {
	Raw  any
	Str  string
	Kind FieldKind
}

// Member is a named canonical value: a member of the extra object, or an
// unexpected top-level member.
type Member struct {
	Name  string
	Value Field
}

// StrField holds a string.
func StrField(s string) Field { return Field{Str: s, Kind: String} }

// AnyField holds a decoded JSON value (a string is unboxed).
func AnyField(v any) Field {
	if s, ok := v.(string); ok {
		return Field{Str: s, Kind: String}
	}
	return Field{Raw: v, Kind: Other}
}

// String returns the value when it is a string.
func (f Field) String() (string, bool) {
	return f.Str, f.Kind == String
}

// Plain returns the value in plain Go JSON form (nil when absent).
func (f Field) Plain() any {
	switch f.Kind {
	case String:
		return f.Str
	case Other:
		return Plain(f.Raw)
	}
	return nil
}
