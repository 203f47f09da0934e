// The browser's client for the clubs API. Its class has the same name as
// the server's Go service; it is no candidate for the Go field's type.
import axios from "axios";

export default class ClubService {
	list = async () => (await axios.get("/api/clubs")).data;
	memberCount = async (id: string) => (await axios.get(`/api/clubs/${id}/count`)).data;
}
