package audit

// Clients counts the distinct clients of the records that carry a client
// ID: all of them (Total), and those that reported a status of each
// class (a client may count in several); Unidentified counts the
// occurrences of records without one. Parts of an input that split it by
// client add up (Merge); parts that share clients count them once each.
type Clients struct {
	Total       int `json:"total"`
	Success     int `json:"success"`
	NotTargeted int `json:"not_targeted"`
	Failure     int `json:"failure"`
	Invalid     int `json:"invalid"`
	// Rated counts the clients that reported a success or a failure: with
	// Failure, it gives the share of clients that never failed, the
	// proportion normlint diff tests (a client is one trial).
	Rated        int `json:"rated"`
	Unidentified int `json:"unidentified"`
}

func (c *Clients) merge(o Clients) {
	c.Total += o.Total
	c.Success += o.Success
	c.NotTargeted += o.NotTargeted
	c.Failure += o.Failure
	c.Invalid += o.Invalid
	c.Rated += o.Rated
	c.Unidentified += o.Unidentified
}

// classBits are the bits of Builder.clients.
var classBits = map[Class]uint8{ClassSuccess: 1, ClassNotTargeted: 2, ClassFailure: 4, ClassInvalid: 8}

func addClient(m map[string]map[uint64]uint8, key string, h uint64, c Class) {
	cs := m[key]
	if cs == nil {
		cs = map[uint64]uint8{}
		m[key] = cs
	}
	cs[h] |= classBits[c]
}

// countClients counts the clients of a set by class.
func countClients(cs map[uint64]uint8, c *Clients) {
	c.Total += len(cs)
	rated := classBits[ClassSuccess] | classBits[ClassFailure]
	for _, bits := range cs {
		if bits&rated != 0 {
			c.Rated++
		}
		for class, bit := range classBits {
			if bits&bit == 0 {
				continue
			}
			switch class {
			case ClassSuccess:
				c.Success++
			case ClassNotTargeted:
				c.NotTargeted++
			case ClassFailure:
				c.Failure++
			default:
				c.Invalid++
			}
		}
	}
}
