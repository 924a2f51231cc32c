package timeline

import "fyne.io/fyne/v2"

// arcBox is one laid-out link arc: its points are f.arcPts[p0:p1], with
// f.arcFaded[p0:p1-1] telling which segments cross a title.
type arcBox struct {
	link    Link
	p0, p1  int32
	head    [2][2]fyne.Position // the arrowhead's strokes, from its tip
	edge    string              // the title at an end out of view
	edgeBox Rect
}
