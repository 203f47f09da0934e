package paging

import "gorm.io/gorm"

type Page struct {
	Total int64
}

// Fill runs query for one page and fills out with its rows.
func Fill(query *gorm.DB, page int, out any) (Page, error) {
	var total int64
	if err := query.Count(&total).Error; err != nil {
		return Page{}, err
	}
	if err := query.Offset((page - 1) * 25).Limit(25).Find(out).Error; err != nil {
		return Page{}, err
	}
	return Page{Total: total}, nil
}
