package app

import "github.com/go-gl/glfw/v3.3/glfw"

// glfwScreens returns how many monitors are connected, as the desktop
// driver sees them. It must run on the UI goroutine of a running app (where
// Fyne's desktop driver has initialised GLFW); the presentation uses it to
// open the presenter's window only when there is a second screen for it.
func glfwScreens() int {
	return len(glfw.GetMonitors())
}
